"""Plumbing both Django projects (LAS and EA) share; it imports neither project."""
