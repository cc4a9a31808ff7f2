#include "gittd/git/object_reader.hpp"

#include <git2.h>

#include "gittd/git/handle.hpp"
#include "gittd/git/libgit2.hpp"
#include "gittd/util/error.hpp"

namespace gittd::git {

struct ObjectReader::Impl {
    OdbHandle odb;
};

ObjectReader::ObjectReader(const Repository& repository) : impl_(std::make_unique<Impl>()) {
    ensure_libgit2();
    const std::string objects = (repository.paths().common_dir / "objects").string();
    check_git(git_odb_open(impl_->odb.out(), objects.c_str()), "cannot open the object database " + objects);
}

ObjectReader::ObjectReader(ObjectReader&&) noexcept = default;
ObjectReader& ObjectReader::operator=(ObjectReader&&) noexcept = default;
ObjectReader::~ObjectReader() = default;

std::optional<std::string> ObjectReader::read_blob(const ObjectId& id, size_t limit) const {
    const git_oid oid = to_oid(id);
    size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, impl_->odb.get(), &oid) != 0 || type != GIT_OBJECT_BLOB) {
        return std::nullopt;
    }
    if (size > limit) refuse_oversize_blob(id, size, limit);
    OdbObjectHandle object;
    if (git_odb_read(object.out(), impl_->odb.get(), &oid) != 0) return std::nullopt;
    const auto* data = static_cast<const char*>(git_odb_object_data(object.get()));
    return std::string(data, git_odb_object_size(object.get()));
}

void refuse_oversize_blob(const ObjectId& id, size_t size, size_t limit) {
    throw Error(ErrorCode::invalid_input, "blob " + id.hex() + ": " + std::to_string(size) + " bytes, over the " +
                                              std::to_string(limit) + "-byte limit of one record; nothing was changed");
}

}  // namespace gittd::git
