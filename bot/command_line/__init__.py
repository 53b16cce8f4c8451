"""The command-line front ends: `ask`, `kb`, and the console chat; they never import discord.py."""
