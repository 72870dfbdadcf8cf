"""Transformer text classifier starter."""
