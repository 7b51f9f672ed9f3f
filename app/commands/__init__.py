"""The directory's own commands (`carrefour import`, `index`, `search`, `match`, `dedupe`, `demo`, `serve`,
`db`, `seed`), each module thin: parse options, call a domain function with a session, commit at the edge,
print what happened."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from app.commands.api_keys import api_keys_group
    from app.commands.backup import backup_command, restore_command
    from app.commands.database import db_group, seed_command
    from app.commands.dedupe import dedupe_command
    from app.commands.imports import export_command, import_command, imports_command
    from app.commands.index import index_command, search_command
    from app.commands.keys import keys_group
    from app.commands.match import match_command
    from app.commands.notify import notify_command
    from app.commands.retention import retention_command
    from app.commands.serve import demo_command, serve_command
    from app.commands.users import users_group

    app.cli.add_command(db_group(), "db")
    app.cli.add_command(users_group)
    app.cli.add_command(keys_group)
    app.cli.add_command(api_keys_group)
    for command in (
        import_command,
        export_command,
        demo_command,
        seed_command,
        index_command,
        search_command,
        match_command,
        imports_command,
        dedupe_command,
        serve_command,
        notify_command,
        retention_command,
        backup_command,
        restore_command,
    ):
        app.cli.add_command(command)
