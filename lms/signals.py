"""Signals lms sends for the apps above it, which connect to them in AppConfig.ready()."""

from django.dispatch import Signal

# People joined teams of a cohort (a member added, a spreadsheet imported): courses enrols
# them. Sent inside the joining transaction with `cohort` and `users`.
members_joined = Signal()
