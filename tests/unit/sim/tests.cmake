# Unit tests of the engine, one file per module folder (tests/unit/sim/<module>/tests.cmake).
foreach(module rng params scenario lattice agents fields compartments io engine sweep)
  include(${CMAKE_CURRENT_LIST_DIR}/${module}/tests.cmake OPTIONAL)
endforeach()
