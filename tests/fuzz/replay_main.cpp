// Replays checked-in fuzz inputs through a target without libFuzzer, so the
// default suite (gcc, ASan+UBSan) holds every property on every corpus file:
//   fuzz_replay_TARGET DIR_OR_FILE...
// A broken property aborts (fuzz_check.hpp), and ctest reports the failure
// after the name of the file that broke it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size);

namespace {

int replay(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", file.c_str());
        std::exit(1);
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::fprintf(stderr, "replaying %s\n", file.c_str());
    return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
    size_t replayed = 0;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path argument(argv[i]);
        if (!std::filesystem::exists(argument)) {
            std::fprintf(stderr, "%s does not exist: is the corpus folder right?\n", argv[i]);
            return 1;
        }
        if (std::filesystem::is_directory(argument)) {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::directory_iterator(argument)) {
                if (entry.is_regular_file()) files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end());
            for (const auto& file : files) replayed += replay(file) == 0 ? 1 : 0;
        } else {
            replayed += replay(argument) == 0 ? 1 : 0;
        }
    }
    // A corpus that went missing must not pass as "nothing broke".
    if (replayed == 0) {
        std::fprintf(stderr, "no input replayed: is the corpus folder right?\n");
        return 1;
    }
    std::printf("%zu inputs replayed, every property held\n", replayed);
    return 0;
}
