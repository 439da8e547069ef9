"""Running the classroom for a school: several replicas behind nginx (`python -m deploy.cluster`)."""
