//! The user's template folder, so that `new --template NAME`, `upgrade
//! --template NAME` and File → New can name a checklist instead of giving
//! its path: `$XDG_DATA_HOME/shipshape/templates` (`~/.local/share/…`) on
//! Linux, the platform's data folder elsewhere; `SHIPSHAPE_TEMPLATES_DIR`
//! overrides it. A template is any workbook file there, `NAME.shipshape.ron`.

use std::path::{Path, PathBuf};

use super::FILE_SUFFIX;

/// The environment variable that moves the template folder (tests,
/// portable installs, a team's shared folder).
pub const TEMPLATES_DIR_ENV: &str = "SHIPSHAPE_TEMPLATES_DIR";

/// The folder the user's templates are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDir {
    root: PathBuf,
}

/// A template in the folder: its name (the file name without
/// `.shipshape.ron`) and path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserTemplate {
    pub name: String,
    pub path: PathBuf,
}

/// A `--template` that names no file and no template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "no template named {name:?}: {} is not a file, and the template folder {} {available}",
        name, dir.display()
    )]
    Unknown {
        name: String,
        dir: PathBuf,
        /// "has: a, b" or "has none".
        available: String,
    },
    #[error(
        "no template named {0:?}, and there is no template folder (no home directory): give the template's path"
    )]
    NoFolder(String),
}

impl TemplateDir {
    pub fn at(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// `SHIPSHAPE_TEMPLATES_DIR`, else the platform's; `None` when there is
    /// no home to put it in.
    pub fn from_env() -> Option<Self> {
        if let Some(dir) = std::env::var_os(TEMPLATES_DIR_ENV).filter(|d| !d.is_empty()) {
            return Some(Self::at(dir));
        }
        let dirs = directories::ProjectDirs::from("", "", "shipshape")?;
        Some(Self::at(dirs.data_dir().join("templates")))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The templates in the folder, by name; none when the folder is
    /// missing or unreadable (it is optional). Whether each loads is the
    /// caller's to find out.
    pub fn list(&self) -> Vec<UserTemplate> {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return Vec::new();
        };
        let mut out: Vec<UserTemplate> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let file = e.file_name().into_string().ok()?;
                let name = file.strip_suffix(FILE_SUFFIX)?;
                let path = e.path();
                (!name.is_empty() && path.is_file()).then(|| UserTemplate {
                    name: name.to_owned(),
                    path,
                })
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        out
    }

    /// The template named `name` (with or without `.shipshape.ron`).
    pub fn find(&self, name: &str) -> Option<UserTemplate> {
        let name = name.strip_suffix(FILE_SUFFIX).unwrap_or(name);
        self.list().into_iter().find(|t| t.name == name)
    }
}

/// The file a `--template` argument means: the argument itself when it is
/// a file or a path with folders in it, else the template of that name in
/// `dir`. A file in the current folder wins over a template of the same
/// name, as a path always does.
pub fn resolve_template(arg: &Path, dir: Option<&TemplateDir>) -> Result<PathBuf, TemplateError> {
    if arg.exists() || arg.components().count() != 1 {
        return Ok(arg.to_owned());
    }
    let name = arg.to_string_lossy().into_owned();
    let Some(dir) = dir else {
        return Err(TemplateError::NoFolder(name));
    };
    if let Some(t) = dir.find(&name) {
        return Ok(t.path);
    }
    let names: Vec<String> = dir.list().into_iter().map(|t| t.name).collect();
    let available = if names.is_empty() {
        "has none".to_owned()
    } else {
        format!("has: {}", names.join(", "))
    };
    Err(TemplateError::Unknown {
        name,
        dir: dir.root.clone(),
        available,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve_in_the_folder_and_paths_stay_paths() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = TemplateDir::at(tmp.path().join("templates"));
        std::fs::create_dir(dir.root()).unwrap();
        for file in ["v2.shipshape.ron", "a.shipshape.ron", "notes.txt"] {
            std::fs::write(dir.root().join(file), "").unwrap();
        }
        std::fs::create_dir(dir.root().join("d.shipshape.ron")).unwrap();
        let names: Vec<_> = dir.list().into_iter().map(|t| t.name).collect();
        assert_eq!(names, ["a", "v2"], "workbook files only, sorted");

        let v2 = dir.root().join("v2.shipshape.ron");
        assert_eq!(
            resolve_template(Path::new("v2"), Some(&dir)),
            Ok(v2.clone())
        );
        assert_eq!(
            resolve_template(Path::new("v2.shipshape.ron"), Some(&dir)),
            Ok(v2.clone())
        );
        assert_eq!(resolve_template(&v2, Some(&dir)), Ok(v2));
        let elsewhere = Path::new("some/where.shipshape.ron");
        assert_eq!(
            resolve_template(elsewhere, Some(&dir)),
            Ok(elsewhere.to_owned()),
            "a path is a path, even a missing one: loading it says so"
        );
        let e = resolve_template(Path::new("v3"), Some(&dir)).unwrap_err();
        assert!(e.to_string().ends_with("has: a, v2"), "{e}");
        let e = resolve_template(Path::new("v3"), None).unwrap_err();
        assert_eq!(e, TemplateError::NoFolder("v3".into()));
    }

    #[test]
    fn a_missing_folder_has_no_templates() {
        let dir = TemplateDir::at("/nonexistent/shipshape/templates");
        assert!(dir.list().is_empty());
        let e = resolve_template(Path::new("v2"), Some(&dir)).unwrap_err();
        assert!(e.to_string().ends_with("has none"), "{e}");
    }
}
