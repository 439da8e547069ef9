"""What classroom mode refuses (a full class, a taken nickname, a wrong password, bad content), said to people."""

from core.errors import StudentFacingError


class ClassroomError(StudentFacingError):
    """Anything a teacher or student did that classroom mode refuses, explained in Korean and English."""
