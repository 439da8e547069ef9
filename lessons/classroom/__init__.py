"""Classroom mode's screens: the class page's sections, the class banner and the share buttons of the lessons."""
