"""Text analysis shared by indexing and questions: analyzer, mined aliases, spelling."""
