"""Stage 3, select: which jobs a list shows (category, age, place, seniority, salary, duplicates). Pure."""
