"""`python -m qa_bot` runs the command line."""

from qa_bot.cli import main

main()
