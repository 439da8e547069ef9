"""Lesson 2's build commands: the shipped digit CNN (`python -m modelbuild.vision.digit_cnn`)."""
