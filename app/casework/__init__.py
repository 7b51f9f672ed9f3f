"""The caseworker workspace at /<lang>/casework/: clients, assessments, suggestions, shortlists, printouts."""
