#pragma once
// Each area of the biology registers its models here; models/register_models.cpp calls
// the areas in the order their rules run. One function per area keeps the areas apart.
#include "sim/engine/model.hpp"

namespace mscsim::models {

void register_common_models(ModelList& models);   // models/common: cytokine fields
void register_tissue_models(ModelList& models);   // models/tissue: health, damage, vessels, readouts
void register_msc_models(ModelList& models);      // models/msc
void register_body_models(ModelList& models);     // models/body: compartments, routes, dosing
void register_innate_models(ModelList& models);   // models/innate: DC, macrophage, NK
void register_t_cell_models(ModelList& models);   // models/t_cells: CD4, CD8, Treg
void register_b_cell_models(ModelList& models);   // models/b_cells

}  // namespace mscsim::models
