"""Code exercises: their specs (content/exercises), the sandbox that runs learner code, and the checks."""
