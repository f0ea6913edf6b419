# Unit tests of the biology, one folder per area (tests/unit/models/<area>/tests.cmake).
foreach(area common tissue msc body innate t_cells b_cells)
  include(${CMAKE_CURRENT_LIST_DIR}/${area}/tests.cmake OPTIONAL)
endforeach()
