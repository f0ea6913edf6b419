#pragma once
// An XDMF (version 2) sidecar (OUT.xdmf beside OUT.h5) that describes the field snapshots of a finished
// trajectory as a temporal collection of uniform grids, so that ParaView and VisIt open the
// HDF5 fields directly (docs/analysis.md, "Fields in ParaView or VisIt").
#include <filesystem>
#include <string>

namespace mscsim {

// OUT.h5 -> OUT.xdmf; any other name gets ".xdmf" appended.
std::filesystem::path xdmf_sidecar_path(const std::filesystem::path& trajectory);

// The XDMF text for a finished trajectory, or "" when it has no field snapshots. The HDF5
// file is named relative to the sidecar (its file name), so the two can move together.
std::string xdmf_sidecar_text(const std::filesystem::path& trajectory);

// Writes the sidecar of a finished trajectory (replacing an older one); with no field
// snapshots it writes none and removes a stale one. Throws OutputError if it cannot write.
void write_xdmf_sidecar(const std::filesystem::path& trajectory);

}  // namespace mscsim
