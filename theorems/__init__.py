"""The claims, one subpackage per source document, one module per section or topic.

| package        | document                   |
|----------------|----------------------------|
| simsek2021     | 002_c75ddeebc7acd716.txt   |
| modeconn       | 000_b6b6e3d1af5c8c28.txt (+ 003 Chapter 3 / Appendix B as second source) |
| zhao2026       | 003_52466d7bbd5de37c.txt   |
| nguyen2021     | 004_8bb945ad6157bfb3.txt   |
"""
