"""Şimşek, Ged, Jacot, Spadaro, Hongler, Gerstner, Brea (ICML 2021): 002_c75ddeebc7acd716.txt."""

DOC = "002_c75ddeebc7acd716.txt"
