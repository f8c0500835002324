"""Running the app for real: several app processes behind nginx (deploy/cluster.py, deploy/nginx.conf)."""
