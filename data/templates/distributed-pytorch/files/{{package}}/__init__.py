"""Distributed data-parallel (DDP) training starter."""
