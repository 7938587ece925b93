"""Bo Zhao, Symmetry in Neural Networks (PhD dissertation, UC San Diego, 2026): 003_52466d7bbd5de37c.txt."""

DOC = "003_52466d7bbd5de37c.txt"
