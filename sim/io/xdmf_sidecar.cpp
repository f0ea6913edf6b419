#include "sim/io/xdmf_sidecar.hpp"

#include <toml++/toml.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "sim/core/errors.hpp"
#include "sim/io/trajectory_layout.hpp"
#include "sim/io/trajectory_reader.hpp"

namespace mscsim {
namespace {

namespace layout = trajectory_layout;

std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

std::string joined(const std::vector<std::uint64_t>& values) {
  std::string out;
  for (const std::uint64_t v : values) out += (out.empty() ? "" : " ") + std::to_string(v);
  return out;
}

// The voxel edge (um) from the resolved scenario stored in the file; 1 if it is not there.
double voxel_um_of(const TrajectoryReader& file) {
  try {
    const toml::table scenario = toml::parse(file.scenario_toml());
    if (const auto v = scenario["tissue"]["voxel_um"].value<double>()) return *v;
  } catch (const toml::parse_error&) {
  }
  return 1.0;
}

std::string xml_escaped(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace

std::filesystem::path xdmf_sidecar_path(const std::filesystem::path& trajectory) {
  std::filesystem::path sidecar = trajectory;
  if (sidecar.extension() == ".h5") return sidecar.replace_extension(".xdmf");
  return sidecar += ".xdmf";
}

std::string xdmf_sidecar_text(const std::filesystem::path& trajectory) {
  const TrajectoryReader file(trajectory);
  const std::vector<std::string> names = file.field_names();
  const std::vector<double> times = file.field_times_h();
  if (names.empty() || times.empty()) return "";
  // Every field has the same shape [snapshot, (z,) y, x] (docs/output-format.md). A 2-D lattice
  // is written as a slab one voxel deep, so that viewers put it in the x-y plane.
  const std::vector<std::uint64_t> dims = file.field_dims(names.front());
  const std::vector<std::uint64_t> frame(dims.begin() + 1, dims.end());  // (z,) y, x in the file
  std::vector<std::uint64_t> cells = frame;                              // z, y, x
  if (cells.size() == 2) cells.insert(cells.begin(), 1);
  std::vector<std::uint64_t> nodes;
  for (const std::uint64_t n : cells) nodes.push_back(n + 1);
  const double voxel = voxel_um_of(file);
  const std::string h5 = xml_escaped(trajectory.filename().string());
  const std::string rank = std::to_string(dims.size());
  const std::string spacing = number(voxel) + " " + number(voxel) + " " + number(voxel);

  std::ostringstream out;
  out << "<?xml version=\"1.0\" ?>\n<!DOCTYPE Xdmf SYSTEM \"Xdmf.dtd\" []>\n"
      << "<!-- Field snapshots of " << h5 << " (mscsim, docs/output-format.md); lengths in um, time in h. -->\n"
      << "<Xdmf Version=\"2.0\">\n <Domain>\n"
      << "  <Grid Name=\"fields\" GridType=\"Collection\" CollectionType=\"Temporal\">\n";
  for (std::size_t s = 0; s < times.size(); ++s) {
    out << "   <Grid Name=\"t=" << number(times[s]) << " h\" GridType=\"Uniform\">\n"
        << "    <Time Value=\"" << number(times[s]) << "\"/>\n"
        << "    <Topology TopologyType=\"3DCoRectMesh\" Dimensions=\"" << joined(nodes) << "\"/>\n"
        << "    <Geometry GeometryType=\"ORIGIN_DXDYDZ\">\n"
        << "     <DataItem Format=\"XML\" Dimensions=\"3\">0 0 0</DataItem>\n"
        << "     <DataItem Format=\"XML\" Dimensions=\"3\">" << spacing << "</DataItem>\n"
        << "    </Geometry>\n";
    for (const std::string& name : names) {
      // Frame s of the dataset [snapshot, (z,) y, x]: start (s, 0...), stride 1, count (1, dims...).
      std::string start = std::to_string(s), stride = "1", count = "1";
      for (const std::uint64_t n : frame) {
        start += " 0";
        stride += " 1";
        count += " " + std::to_string(n);
      }
      out << "    <Attribute Name=\"" << xml_escaped(name) << "\" AttributeType=\"Scalar\" Center=\"Cell\">\n"
          << "     <DataItem ItemType=\"HyperSlab\" Dimensions=\"" << joined(cells)
          << "\" Type=\"HyperSlab\" NumberType=\"Float\" Precision=\"4\">\n"
          << "      <DataItem Dimensions=\"3 " << rank << "\" Format=\"XML\">" << start << " " << stride << " " << count
          << "</DataItem>\n"
          << "      <DataItem Dimensions=\"" << joined(dims)
          << "\" NumberType=\"Float\" Precision=\"4\" Format=\"HDF\">" << h5 << ":" << layout::kFieldGroup << "/"
          << xml_escaped(name) << "</DataItem>\n"
          << "     </DataItem>\n    </Attribute>\n";
    }
    out << "   </Grid>\n";
  }
  out << "  </Grid>\n </Domain>\n</Xdmf>\n";
  return out.str();
}

void write_xdmf_sidecar(const std::filesystem::path& trajectory) {
  const std::filesystem::path sidecar = xdmf_sidecar_path(trajectory);
  const std::string text = xdmf_sidecar_text(trajectory);
  std::error_code ignored;
  if (text.empty()) {
    std::filesystem::remove(sidecar, ignored);
    return;
  }
  std::filesystem::path partial = sidecar;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      std::filesystem::remove(partial, ignored);
      throw OutputError(sidecar.string() + ": cannot write the XDMF sidecar");
    }
  }
  std::filesystem::rename(partial, sidecar, ignored);
  if (ignored) throw OutputError(sidecar.string() + ": cannot write the XDMF sidecar: " + ignored.message());
}

}  // namespace mscsim
