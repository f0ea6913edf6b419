# sources of sim/lattice
