"""Understanding Mode Connectivity via Parameter Space Symmetry.

Primary source 000_b6b6e3d1af5c8c28.txt (review version, Appendices A–D); the same results
appear in 003_52466d7bbd5de37c.txt as Chapter 3 / Appendix B under other numbers: each
claim lists both sources.
"""

DOC = "000_b6b6e3d1af5c8c28.txt"
THESIS = "003_52466d7bbd5de37c.txt"
