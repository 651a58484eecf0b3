//! Where each part of the document the lowering reads came from: the file the user wrote and
//! the JSON pointer in it. Loading may rewrite the document before the typed read (bundle the
//! files a spec is split into, upgrade Swagger 2.0, bring OpenAPI 3.1 or 3.2 down to 3.0);
//! every step that moves a part records where it put it, and every diagnostic is translated
//! back at the end, so that users never see a pointer into a document they did not write.
//!
//! A step is one [`Layer`] of [`Mount`]s: "the subtree at `at` in my output is the subtree at
//! `from` in my input" (and, for the bundling step, "in this file"). A pointer is translated
//! through the layers from the last step to the first, each time by the mount with the longest
//! `at` that is a prefix of it (segment by segment), keeping the rest of the pointer. A pointer
//! no mount covers is the same in the input as in the output.

/// A file of the document, by its index in the order loading read them: `FileId(0)` is the
/// root document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FileId(pub(crate) usize);

impl FileId {
    /// The root document, the one the user named.
    pub(crate) const ROOT: FileId = FileId(0);
}

/// One moved subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mount {
    /// Where the subtree is in the step's output.
    pub(crate) at: String,
    /// The file it came from, for the bundling step; `None` for a step that rewrites one
    /// document into another (the file is then whatever the input's pointer resolves to).
    pub(crate) file: Option<FileId>,
    /// Where it was in the step's input (in `file`, when that is set).
    pub(crate) from: String,
}

/// The mounts of one loading step, by where they put their subtree, so that the mount
/// covering a pointer is found by looking up its ancestors rather than by a scan (documents
/// rewritten whole have tens of thousands of mounts, and may have thousands of diagnostics).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Layer {
    mounts: std::collections::BTreeMap<String, Mount>,
}

impl Layer {
    /// Records that the output's subtree at `at` is the input's subtree at `from`.
    pub(crate) fn moved(&mut self, at: impl Into<String>, from: impl Into<String>) {
        let at = at.into();
        self.mounts.insert(
            at.clone(),
            Mount {
                at,
                file: None,
                from: from.into(),
            },
        );
    }

    /// Records that the output's subtree at `at` is the subtree at `from` in file `file`.
    pub(crate) fn moved_from_file(
        &mut self,
        at: impl Into<String>,
        file: FileId,
        from: impl Into<String>,
    ) {
        let at = at.into();
        self.mounts.insert(
            at.clone(),
            Mount {
                at,
                file: Some(file),
                from: from.into(),
            },
        );
    }

    /// The mount covering `pointer` most closely, if any: the pointer itself, else its
    /// nearest ancestor that is mounted.
    fn covering(&self, pointer: &str) -> Option<&Mount> {
        let mut candidate = pointer;
        loop {
            if let Some(mount) = self.mounts.get(candidate) {
                return Some(mount);
            }
            if candidate == "#" {
                return None;
            }
            candidate = match candidate.rfind('/') {
                Some(0) | None => "#",
                Some(slash) => &candidate[..slash],
            };
        }
    }
}

/// Every step's layer, first step first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Origins {
    layers: Vec<Layer>,
}

impl Origins {
    /// Adds the layer of the step that ran last.
    pub(crate) fn push(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// The file and the pointer in it that `pointer`, a pointer into the document the typed
    /// read saw, stands for.
    pub(crate) fn resolve(&self, pointer: &str) -> (FileId, String) {
        let mut file = None;
        let mut current = pointer.to_owned();
        for layer in self.layers.iter().rev() {
            if let Some(mount) = layer.covering(&current) {
                current = format!("{}{}", mount.from, &current[mount.at.len()..]);
                if mount.file.is_some() {
                    file = mount.file;
                }
            }
        }
        (file.unwrap_or(FileId::ROOT), current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_is_translated_by_its_closest_mount_and_keeps_its_rest() {
        let mut layer = Layer::default();
        layer.moved("#/components/schemas", "#/definitions");
        layer.moved(
            "#/components/schemas/Pet/properties/photo",
            "#/definitions/Pet/x-photo",
        );
        let mut origins = Origins::default();
        origins.push(layer);
        assert_eq!(
            origins.resolve("#/components/schemas/Pet/properties/name"),
            (FileId::ROOT, "#/definitions/Pet/properties/name".to_owned())
        );
        assert_eq!(
            origins.resolve("#/components/schemas/Pet/properties/photo/format"),
            (FileId::ROOT, "#/definitions/Pet/x-photo/format".to_owned())
        );
        assert_eq!(
            origins.resolve("#/paths/~1pets"),
            (FileId::ROOT, "#/paths/~1pets".to_owned())
        );
        assert_eq!(
            origins.resolve("#/components/schemasX"),
            (FileId::ROOT, "#/components/schemasX".to_owned()),
            "a mount covers whole segments only"
        );
    }

    #[test]
    fn layers_compose_from_the_last_step_back_to_the_files() {
        let mut bundle = Layer::default();
        bundle.moved_from_file("#/definitions/Error", FileId(2), "#/Error");
        let mut upgrade = Layer::default();
        upgrade.moved("#/components/schemas", "#/definitions");
        let mut origins = Origins::default();
        origins.push(bundle);
        origins.push(upgrade);
        assert_eq!(
            origins.resolve("#/components/schemas/Error/properties/code"),
            (FileId(2), "#/Error/properties/code".to_owned())
        );
    }
}
