"""The reproducible benchmark of the GraphQL API (issue 6): `make bench` / `python -m bench`.

See bench/README.md for the method. Modules: config (what runs), stack (the servers it
starts and always stops), sampling (variables from the seeded graph), operations (the
reference mix), capture and baseline (the raw-Cypher comparison), load (the load generator),
stats, report and plot (the outputs), runner (the order of it all).
"""
