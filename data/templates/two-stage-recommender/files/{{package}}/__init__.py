"""{{name}}: a two-stage recommender (two-tower retrieval + Wide & Deep ranking) on a mock shop."""

__version__ = "0.1.0"
