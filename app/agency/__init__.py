"""The agency portal: agencies keep their own listings (/<lang>/agency/)."""
