"""Lesson 3's build commands: the sentiment model, the word vectors and the recurrent-cell comparison."""
