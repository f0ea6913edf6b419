# sources of sim/io
