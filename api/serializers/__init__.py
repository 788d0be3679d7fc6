"""Shapes only: output representations and input validation of form. Rules live in the services."""
