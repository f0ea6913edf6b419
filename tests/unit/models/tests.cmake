# unit tests of the biology
