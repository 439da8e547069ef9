"""Framework-free logic of the deep-learning classroom.

Nothing in this package imports streamlit; pages call into it. TensorFlow and konlpy are
imported only by the modules that need them so that light pages stay fast to load.
"""

import os

# Keras 3 must use TensorFlow, and TensorFlow's C++ start-up chatter only confuses students
# reading the server log, so both are set before any module here imports keras.
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
