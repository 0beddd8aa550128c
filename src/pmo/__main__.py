"""`python -m pmo`: the command line."""

from pmo.cli.app import main

main()
