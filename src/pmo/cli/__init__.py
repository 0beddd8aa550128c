"""The command line: Typer commands, each calling one library function."""
