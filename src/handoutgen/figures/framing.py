"""Where an exercise figure's frames go and how large its person is drawn: the frame sizes,
the scene each pose shows (computed once per pose), side by side or stacked frames, and the
scale and height that make a figure fill its frames. Drawing is figures/exercise.py."""

from __future__ import annotations

from functools import lru_cache

from handoutgen.figures import body3d as b3
from handoutgen.figures import props3d
from handoutgen.figures.posefile import PoseFile
from handoutgen.figures.scene import Camera, frames, place

GAP = 8.0
LABEL = 10.0  # the "Start" / "Finish" labels above the frames; large print passes 14
# the box every figure's scale is set by: a lying person with arms overhead across, a standing
# person with arms overhead up (metres)
WORLD_W, WORLD_H = 1.95, 1.9
ARROW_ROOM = 0.12  # metres above a zoomed scene kept free for its arrows
TIMER_ROOM = 36.0  # points kept each side of a one-frame figure (the stopwatch goes on the right)


def label_h(label: float = LABEL) -> float:
    """The height of the label line above a frame, for labels `label` points high."""
    return label + 2


def frame_size(width: float, height: float, label: float = LABEL) -> tuple[float, float]:
    """One frame's size in a figure box: two frames side by side, a label line above."""
    return (width - GAP) / 2, height - label_h(label) - 2


def handout_scale(width: float, height: float, label: float = LABEL) -> float:
    """Points per metre for every figure drawn in a box of this size."""
    fw, fh = frame_size(width, height, label)
    return min(fw / WORLD_W, fh / WORLD_H)


def camera_for(pose: PoseFile) -> Camera:
    return Camera.make(pose.camera.view, pose.camera.elevation, pose.camera.turn or 0.0)


def _extent(camera, bodies, boxes) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for body in bodies:
        for seg in body.segments:
            for p, r in ((seg.p0, max(seg.r0)), (seg.p1, max(seg.r1))):
                x, y, _ = camera.project(p)
                xs += [x - r, x + r]
                ys += [y - r, y + r]
        x, y, _ = camera.project(body.points["head"])
        xs += [x - b3.HEAD_R * 1.3, x + b3.HEAD_R * 1.3]
        ys += [y - b3.HEAD_R, y + b3.HEAD_R]
    for box in boxes:
        for cx in box[:2]:
            for cy in box[2:4]:
                for cz in box[4:]:
                    x, y, _ = camera.project((cx, cy, cz))
                    xs.append(x)
                    ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def window(pose: PoseFile, camera, bodies, boxes, span: tuple[float, float] = (WORLD_W, WORLD_H),
           zoom: float | None = None) -> tuple[float, float, float, float]:
    """The part of the scene a frame shows (metres on the camera plane): all of it, or with a
    zoom, a box 1/zoom of `span` (what a frame shows at the handout's scale) round the focus
    point (in the start pose), cut to the scene. `camera, bodies, boxes` are scene(pose)'s."""
    x0, y0, x1, y1 = scene_extent(pose)
    zoom = zoom_of(pose) if zoom is None else zoom
    if zoom <= 1:
        return x0, y0, x1, y1
    fx, fy, _ = camera.project(bodies[0].points[pose.camera.focus])
    hw, hh = span[0] / zoom / 2, span[1] / zoom / 2
    # room above the scene for arrows drawn over the close-up part (it is big now)
    return max(x0, fx - hw), max(y0, fy - hh), min(x1, fx + hw), min(y1 + ARROW_ROOM, fy + hh)


def zoom_of(pose: PoseFile) -> float:
    return pose.camera.zoom if pose.camera.zoom and pose.camera.focus else 1.0


def zoom_at(pose: PoseFile, stacked: bool) -> float:
    """The zoom a figure is drawn with: its own, side by side; none when stacked (layout stacks
    a close-up only when the whole person, across the box, is drawn larger than the close-up)."""
    return 1.0 if stacked else zoom_of(pose)


@lru_cache(maxsize=1024)
def layout(pose: PoseFile, width: float, height: float, label: float = LABEL) -> tuple[bool, float, float]:
    """(stacked, frame width, frame height). Side by side as a rule; in a box tall enough, a wide
    and low figure (lying down) puts Start above Finish, each as wide as the box, once that draws
    the person larger (a close-up then shows the whole person: see zoom_at). Side by side, such a
    figure stops growing at the box's width; stacked, it grows on, so a card alone on a page
    (large print) can fill it."""
    fw, fh = frame_size(width, height, label)
    if len(scene(pose)[2]) == 1:  # one frame (a hold, circles): the box's width, less the timer's room
        return False, max(fw, width - 2 * TIMER_ROOM * label / LABEL), fh
    sw, sh = width, (height - GAP) / 2 - label_h(label) - 2
    if sh < 30:
        return False, fw, fh
    x0, y0, x1, y1 = scene_extent(pose)
    if zoom_of(pose) > 1:  # a close-up: stacked frames show the whole person, once that is no smaller
        side = min(fw / WORLD_W, fh / WORLD_H) * zoom_of(pose)
    else:
        side = min((fw - 6) / (x1 - x0), (fh - 10) / (y1 - y0))
    stack = min((sw - 6) / (x1 - x0), (sh - 10) / (y1 - y0))
    return (True, sw, sh) if stack > side else (False, fw, fh)


def _scene_parts(pose: PoseFile):
    camera, _, bodies, boxes = scene(pose)
    return camera, bodies, boxes


@lru_cache(maxsize=256)
def scene_extent(pose: PoseFile) -> tuple[float, float, float, float]:
    """The whole scene's box on the camera plane (metres), once per pose: a run of cards asks
    for many box heights while it fills a page."""
    return _extent(*_scene_parts(pose))


@lru_cache(maxsize=1024)
def fit_scale(pose: PoseFile, width: float, height: float, label: float = LABEL) -> float:
    """Points per metre that make this pose's scene fill its frame in a box of this size: a
    lying figure is drawn as wide as its frame, not at the small scale a standing person needs
    to fit the same height (a close-up keeps the box's scale: its zoom is relative to that)."""
    stacked, fw, fh = layout(pose, width, height, label)
    x0, y0, x1, y1 = scene_extent(pose)
    whole = max(1.0, min((fw - 6) / (x1 - x0), (fh - 10) / (y1 - y0)))
    zoom = zoom_at(pose, stacked)
    if zoom > 1:  # the frame's own scale (its zoom is relative to that), but a close-up is never
        # drawn smaller than the whole scene would be (a person lying in a wide, low frame)
        return max(min(fw / WORLD_W, fh / WORLD_H), whole / zoom)
    return whole


@lru_cache(maxsize=1024)
def fitted_height(pose: PoseFile, width: float, height: float, scale: float, label: float = LABEL) -> float:
    """The box height a figure needs at `scale` (at most `height`): a lying figure is low."""
    camera, _, bodies, boxes = scene(pose)
    stacked, fw, fh = layout(pose, width, height, label)
    zoom = zoom_at(pose, stacked)
    _, y0, _, y1 = window(pose, camera, bodies, boxes, ((fw - 6) / scale, (fh - 4) / scale), zoom)
    one = (y1 - y0) * scale * zoom + 10 + label_h(label) + 2
    return min(height, 2 * one + GAP if stacked else one)


@lru_cache(maxsize=256)
def scene(pose: PoseFile):
    """Camera, one placed body per frame, and the standing props' boxes (from the start);
    computed once per pose in a process."""
    camera = camera_for(pose)
    states = frames(pose)
    bodies = [place(s) for s in states]
    return camera, states, bodies, props3d.boxes(pose.props, bodies[0])
