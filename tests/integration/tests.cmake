# integration tests (run the mscsim binary)
