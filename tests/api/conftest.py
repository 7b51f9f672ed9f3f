"""The API's tests read the demo directory (loaded once per module, as the demo's own tests do)."""

from tests.demo.conftest import demo_app  # noqa: F401  (the fixture)
