#include "models/common/cotherapy.hpp"

#include "sim/params/parameter_builders.hpp"

namespace mscsim::models {

namespace {
constexpr const char* kCni = "cotherapy.calcineurin_inhibitor.";
constexpr const char* kSteroid = "cotherapy.corticosteroid.";
}  // namespace

void declare_cotherapy_parameters(ParameterCatalogue& c) {
  const std::string cni = kCni;
  const std::string steroid = kSteroid;
  c.declare(flag_parameter(cni + "enabled", false,
                           "Peng 2013 (low-dose tacrolimus with MSCs in kidney transplantation); assumption",
                           "The patient receives a calcineurin inhibitor (tacrolimus, cyclosporine): T activation "
                           "and IL-2 secretion are scaled by the factors below (phenomenological)."));
  c.declare(real_parameter(cni + "t_activation_factor", 0.5, 0.0, 1.0, "1",
                           "assumption (low-dose tacrolimus, Peng 2013; NFAT blockade lowers T activation)",
                           "Factor on the activation rate of primed CD4 and CD8 T cells under a calcineurin "
                           "inhibitor."));
  c.declare(real_parameter(cni + "il2_secretion_factor", 0.3, 0.0, 1.0, "1",
                           "assumption (calcineurin inhibitors block IL-2 transcription; Peng 2013 low dose)",
                           "Factor on IL-2 secretion by CD4 T cells under a calcineurin inhibitor."));
  c.declare(flag_parameter(steroid + "enabled", false, "assumption (phenomenological co-therapy)",
                           "The patient receives corticosteroids: pro-inflammatory cytokine secretion of immune "
                           "cells and DC maturation are scaled by the factors below (phenomenological)."));
  c.declare(real_parameter(steroid + "cytokine_secretion_factor", 0.5, 0.0, 1.0, "1",
                           "assumption (corticosteroids lower cytokine secretion)",
                           "Factor on IFN-gamma, TNF-alpha, IL-2, IL-4, IL-6, IL-12 and IL-17 secretion by T, NK, "
                           "DC and macrophages under corticosteroids (IL-10, TGF-beta, kynurenine unchanged)."));
  c.declare(real_parameter(steroid + "dc_maturation_factor", 0.5, 0.0, 1.0, "1",
                           "assumption (corticosteroids lower DC maturation)",
                           "Factor on the maturation rate of immature DCs under corticosteroids."));
}

CoTherapyFactors read_cotherapy(const Scenario& s) {
  CoTherapyFactors f;
  const std::string cni = kCni;
  const std::string steroid = kSteroid;
  if (s.flag(cni + "enabled")) {
    f.t_activation = s.real(cni + "t_activation_factor");
    f.il2_secretion = s.real(cni + "il2_secretion_factor");
  }
  if (s.flag(steroid + "enabled")) {
    f.cytokine_secretion = s.real(steroid + "cytokine_secretion_factor");
    f.dc_maturation = s.real(steroid + "dc_maturation_factor");
  }
  return f;
}

}  // namespace mscsim::models
