"""The live lesson: the teacher leads every screen step by step, students predict before each reveal."""
