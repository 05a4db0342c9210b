"""Koppel: UWLR couplings between a school administration system (LAS) and educational applications (EA)."""
