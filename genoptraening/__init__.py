"""Genoptræningsguiden: answers about rehabilitation training from each municipality's standard.

Sub-packages by layer (docs/architecture.md; the directions are checked by ``lint-imports``):
``core`` (knowledge, register, dates, deadlines, reading messages, rendering — no frameworks),
``dialogue`` (one turn in, replies and new state out), ``rasa_ext`` (Rasa's channel, NLU
component, stores and patches), ``ops`` (stores, conversations, retention, processes),
``api`` and ``actions`` (the web API and Rasa's custom actions, from the top-level ``api/`` and
``actions/`` folders), ``staff``, ``tools`` and ``cli``. Nothing heavy happens at import time.
"""
