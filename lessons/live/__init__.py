"""The live lesson's screens: following the teacher, predict-then-reveal questions, the teacher's controls."""
