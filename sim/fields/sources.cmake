# sources of sim/fields
