"""Rasa custom actions: thin, typed adapters over ``genoptraening.dialogue``."""
