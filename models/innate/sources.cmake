list(APPEND MSCSIM_MODEL_SOURCES ${CMAKE_CURRENT_LIST_DIR}/register.cpp)
list(APPEND MSCSIM_MODEL_SOURCES ${CMAKE_CURRENT_LIST_DIR}/dendritic_cell.cpp ${CMAKE_CURRENT_LIST_DIR}/macrophage.cpp
            ${CMAKE_CURRENT_LIST_DIR}/macrophage_efferocytosis.cpp ${CMAKE_CURRENT_LIST_DIR}/nk_cell.cpp)
