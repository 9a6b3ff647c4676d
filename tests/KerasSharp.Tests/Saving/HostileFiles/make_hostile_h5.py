#!/usr/bin/env python3
"""Writes the hostile HDF5 weights files that HostileHdf5Tests loads (Debian: apt-get install python3-h5py).

Each is a Keras 3 weights layout for Input(3) -> Dense(2) (layers/dense/vars/0 kernel (3, 2), vars/1 bias (2,)) whose
bias is stored somewhere other than in the file itself. Run from this folder; the outputs are committed.
"""
import h5py
import numpy as np


def layout(f):
    f.create_group("vars")
    g = f.create_group("layers/dense/vars")
    g["0"] = np.ones((3, 2), np.float32)
    return g


# External raw storage: the bias's bytes are read from /etc/passwd.
with h5py.File("external_storage.h5", "w") as f:
    layout(f).create_dataset("1", shape=(2,), dtype=np.float32, external=[("/etc/passwd", 0, 8)])

# External raw storage on a device file.
with h5py.File("external_dev_zero.h5", "w") as f:
    layout(f).create_dataset("1", shape=(2,), dtype=np.float32, external=[("/dev/zero", 0, 8)])

# A virtual dataset mapping the bias from another file.
with h5py.File("virtual_dataset.h5", "w") as f:
    g = layout(f)
    vl = h5py.VirtualLayout(shape=(2,), dtype=np.float32)
    vl[:] = h5py.VirtualSource("/tmp/elsewhere.h5", "bias", shape=(2,))
    g.create_virtual_dataset("1", vl)

# A soft link that points at itself: resolving "layers" never ends (a stack overflow in a naive reader).
with h5py.File("soft_link_loop.h5", "w") as f:
    f.create_group("vars")
    f["layers"] = h5py.SoftLink("/layers")

# A dataset path that is a soft link to itself.
with h5py.File("soft_link_dataset_loop.h5", "w") as f:
    f.create_group("vars")
    f.create_group("layers/dense/vars")
    f["layers/dense/vars/0"] = h5py.SoftLink("/layers/dense/vars/0")

# An external link to a dataset in another file (HDF5 1.8 group storage, where readers see it).
with h5py.File("external_link.h5", "w", libver="latest") as f:
    g = layout(f)
    g["1"] = h5py.ExternalLink("/tmp/elsewhere.h5", "/bias")

# Links in a group stored the HDF5 1.8 way (link messages, not a symbol table).
with h5py.File("soft_link_new_style.h5", "w", libver="latest") as f:
    g = layout(f)
    g["1"] = h5py.SoftLink("/layers/dense/vars/1")
