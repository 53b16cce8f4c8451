"""The Discord front end: the discord.py bot, its cogs, and what replies look like there."""
