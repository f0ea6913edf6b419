# sources of sim/compartments
