; A section folds from its heading to the line before the next heading of the
; same or a shallower level.
(section) @fold
(residue) @fold
